package dev.berrys.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in headless Chromium (playwright-core driving Debian's /usr/bin/chromium) against the
 * running stack: web-dashboard/e2e/dashboard.e2e.mjs. Runs where {@code BERRYS_E2E_BROWSER=1} (CI sets it);
 * screenshots land in web-dashboard/e2e/artifacts/.
 */
@ExtendWith(Stack.class)
class DashboardE2EIT {

    @Test
    void aPersonSignsInRunsAProjectWatchesItCompleteApprovesAndSignsOut() throws Exception {
        assumeTrue("1".equals(System.getenv("BERRYS_E2E_BROWSER")), "BERRYS_E2E_BROWSER=1 runs the browser suite");
        Path script = Stack.root().resolve("web-dashboard/e2e/dashboard.e2e.mjs");
        assertThat(script).exists();
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian chromium (apt-get install chromium)")
                .exists();
        Path log = Stack.logs().resolve("dashboard-e2e.log");
        if (!Files.isDirectory(script.getParent().resolve("node_modules/playwright-core"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Stack.logs().resolve("dashboard-npm-ci.log").toFile())
                    .start();
            assertThat(install.waitFor(5, TimeUnit.MINUTES))
                    .as("npm ci finished")
                    .isTrue();
            assertThat(install.exitValue())
                    .as(Files.readString(Stack.logs().resolve("dashboard-npm-ci.log")))
                    .isZero();
        }
        var pb = new ProcessBuilder("node", script.toString())
                .directory(script.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("BERRYS_URL", Stack.baseUrl());
        pb.environment().put("BERRYS_USER", "admin");
        pb.environment().put("BERRYS_PASSWORD", Stack.adminPassword());
        Process p = pb.start();
        boolean finished = p.waitFor(8, TimeUnit.MINUTES);
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("dashboard e2e finished in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("(?m)^\\d+ passed, 0 failed");
    }
}
