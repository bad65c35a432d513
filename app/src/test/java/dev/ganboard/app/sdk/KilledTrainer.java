package dev.ganboard.app.sdk;

import dev.ganboard.sdk.Config;
import dev.ganboard.sdk.GanBoard;
import dev.ganboard.sdk.Run;
import dev.ganboard.sdk.RunSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The training process of {@link SdkKillTest}, run in its own JVM: logs 10 keys per step (a paced phase, then a
 * burst the sender cannot have delivered), prints "flushed N" once steps 0..N are in the WAL, and goes on until
 * the test kills it with SIGKILL. Arguments: URL API_KEY DIR PROJECT.
 */
public final class KilledTrainer {
    private KilledTrainer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = Config.builder().url(args[0]).apiKey(args[1]).dir(Path.of(args[2]))
                .flushInterval(Duration.ofMillis(50)).build();
        Run run = GanBoard.init(config, new RunSpec().project(args[3]).variant("kill-9").seed(1));
        System.out.println("run " + run.id().orElseThrow() + " " + run.dir());
        System.out.flush();
        for (long step = 0; step < 10_000_000; step++) {
            run.log(step, SdkSupport.tenKeys(step));
            if (step == 20_000) {
                run.flush();
                System.out.println("flushed " + step);
                System.out.flush();
            }
            if (step < 2_000 || step > 20_000) {
                Thread.sleep(0, 500_000); // the training step
            }
        }
    }
}
