package dev.inlet.embedded;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that its own shutdown hook does not close the handlers: that hook runs at the same
 * time as Inlet's ({@link EmbeddedInlet}'s undeploy), so what the application logs while it stops — streams ended,
 * players told, leases released — was lost. {@link EmbeddedInlet} resets it itself once everything has stopped.
 *
 * <p>Chosen on the command line ({@code -Djava.util.logging.manager=dev.inlet.embedded.ShutdownSafeLogManager}, as
 * {@code run.sh} does): the JDK creates its log manager before {@code main} runs, so setting the property there is
 * too late.
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** The class of the JDK's shutdown-hook thread that resets the log manager. */
    private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            return; // EmbeddedInlet.stop() resets once the application has stopped
        }
        super.reset();
    }

    /** Flushes and closes every handler: the last step of a stop, after the application's last log line. */
    static void resetAfterStop() {
        if (LogManager.getLogManager() instanceof ShutdownSafeLogManager manager) {
            manager.closeHandlers();
        }
    }

    private void closeHandlers() {
        super.reset();
    }
}
