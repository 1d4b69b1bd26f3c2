package dev.inlet.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects every formatted log line (message, parameters and stack trace) while open. */
final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"", "dev.inlet", "org.flywaydb"};
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture() {
        setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger.getLogger(name).addHandler(this);
        }
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (String name : LOGGERS) {
            Logger.getLogger(name).removeHandler(this);
        }
    }
}
