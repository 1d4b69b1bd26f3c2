package dev.inlet.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser scripts' directory (test resources /browser: play.mjs, console.mjs) with their playwright-core. */
public final class Playwright {

    private Playwright() {
    }

    /**
     * The directory of the scripts, with the playwright-core version its package-lock.json pins installed from the
     * npm registry (once: later calls find it).
     */
    public static Path scripts() throws Exception {
        Path directory = Path.of(Playwright.class.getResource("/browser/package.json").toURI()).getParent();
        if (Files.exists(directory.resolve("node_modules/playwright-core/package.json"))) {
            return directory;
        }
        Path log = directory.resolve("npm-ci.log");
        Process npm = new ProcessBuilder("timeout", "-k", "5", "180", "npm", "ci", "--no-audit", "--no-fund",
                "--prefix", directory.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(npm.waitFor(190, TimeUnit.SECONDS)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci of playwright-core; its output:%n%s", Files.readString(log)).isZero();
        return directory;
    }
}
