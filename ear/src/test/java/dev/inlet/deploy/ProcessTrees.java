package dev.inlet.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Forcible end of a process and its descendants: the last resort when a server does not stop. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    static void kill(ProcessHandle root, Duration wait) {
        // Collect the descendants first: once the root dies, its children are re-parented and lost from view.
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitGone(root, wait);
        tree.forEach(child -> awaitGone(child, wait));
    }

    /**
     * Kills the processes whose command line names {@code uniquePath}: a server JVM this test started
     * and lost track of (its launcher timed out before the server wrote its PID). The path is a directory
     * under target/ that only this test uses, so nothing else can match.
     */
    static void killProcessesMentioning(Path uniquePath, Duration wait) {
        String marker = uniquePath.toString();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != self)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .forEach(handle -> {
                    System.err.println("killing leftover process " + handle.pid() + " (" + marker + ")");
                    kill(handle, wait);
                });
    }

    private static void awaitGone(ProcessHandle handle, Duration wait) {
        try {
            handle.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("process " + handle.pid() + " still alive after kill: " + e);
        }
    }
}
