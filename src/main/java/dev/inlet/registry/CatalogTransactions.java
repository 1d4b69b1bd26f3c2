package dev.inlet.registry;

import jakarta.persistence.EntityManager;

import java.util.function.Function;

/**
 * Runs catalog work in one transaction: container-managed (JTA) on an application server,
 * resource-local outside one. The catalog's logic is the same either way.
 */
public interface CatalogTransactions {
    <T> T inTransaction(Function<EntityManager, T> work);
}
