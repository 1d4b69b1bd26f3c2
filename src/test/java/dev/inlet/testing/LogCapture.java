package dev.inlet.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects every log record of Inlet, Flyway and the root logger while open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"", "dev.inlet", "org.flywaydb"};
    private static final Logger INLET = Logger.getLogger("dev.inlet");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Level inletLevelBefore;
    private final boolean fine;

    private LogCapture(boolean fine) {
        this.fine = fine;
        inletLevelBefore = INLET.getLevel();
        if (fine) {
            INLET.setLevel(Level.ALL);
        }
        setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger.getLogger(name).addHandler(this);
        }
    }

    /** Records at the levels the loggers are configured for. */
    public static LogCapture open() {
        return new LogCapture(false);
    }

    /** Records Inlet's FINE lines too (its logger at ALL until closed). */
    public static LogCapture includingFine() {
        return new LogCapture(true);
    }

    /** Each record formatted whole: level, message with its parameters, stack trace. */
    public List<String> lines() {
        return records.stream().map(formatter::format).toList();
    }

    /** Each record's message with its parameters, as it is written into the log line. */
    public List<String> messages() {
        return records.stream().map(formatter::formatMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (String name : LOGGERS) {
            Logger.getLogger(name).removeHandler(this);
        }
        if (fine) {
            INLET.setLevel(inletLevelBefore);
        }
    }
}
