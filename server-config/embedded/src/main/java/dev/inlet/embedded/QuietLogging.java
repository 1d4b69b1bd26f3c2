package dev.inlet.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mutes the start-up messages of embedded Payara that say nothing about Inlet: a dump of every
 * expired CA certificate in Payara's bundled trust store, class-model scanner chatter, and the
 * message-queue version check (JMS is switched off). Everything else Payara logs is kept.
 */
final class QuietLogging {

    /** Held so the loggers, and with them their levels, are not garbage collected. */
    private static final List<Logger> MUTED = new ArrayList<>();

    private QuietLogging() {
    }

    static synchronized void apply() {
        MUTED.add(mute("com.sun.enterprise.security.ssl.impl.SecuritySupportImpl", Level.SEVERE));
        MUTED.add(mute("org.glassfish.hk2.classmodel.reflect", Level.WARNING));
        MUTED.add(mute("com.sun.enterprise.connectors.jms.util.JmsRaUtil", Level.SEVERE));
    }

    private static Logger mute(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}
