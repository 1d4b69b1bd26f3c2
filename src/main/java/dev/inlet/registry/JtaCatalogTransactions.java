package dev.inlet.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.function.Function;

/** Catalog transactions inside the application server: the {@code inlet} unit on its default data source. */
@ApplicationScoped
public class JtaCatalogTransactions implements CatalogTransactions {

    @PersistenceContext(unitName = "inlet")
    EntityManager entityManager;

    @Override
    @Transactional
    public <T> T inTransaction(Function<EntityManager, T> work) {
        return work.apply(entityManager);
    }
}
