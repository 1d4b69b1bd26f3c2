package dev.inlet.core;

/** Why a catalog change was refused; the message is safe to show to an administrator. */
public abstract sealed class CatalogException extends Exception {

    protected CatalogException(String message) {
        super(message);
    }

    public static final class NotFound extends CatalogException {
        public NotFound(String message) {
            super(message);
        }
    }

    public static final class Conflict extends CatalogException {
        public Conflict(String message) {
            super(message);
        }
    }

    public static final class Invalid extends CatalogException {
        public Invalid(String message) {
            super(message);
        }
    }
}
