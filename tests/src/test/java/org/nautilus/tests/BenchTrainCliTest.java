package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.train.DartsNetwork;
import org.nautilus.engine.train.Nb201Network;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.Nb201Cell;

/** {@code nautilus bench train} as a child process, on networks small enough to take a second. */
class BenchTrainCliTest {
  private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|skip_connect~2|";
  private static final Pattern LINE = Pattern.compile("nautilus nd4j-samediff nb201 C=4 N=1 batch=8 threads=(\\d+) "
      + "steps=2 params=(\\d+) seconds=\\d+\\.\\d{3} peak_rss_mib=(\\d+\\.\\d) images_per_s=(\\d+\\.\\d)\n");

  @TempDir
  Path work;

  private Matcher timed(int threads) throws Exception {
    CliProcess.Result result = CliProcess.run(work, 120, "bench", "train", "--space", "nb201", "--candidate", CELL,
        "--cells", "1", "--channels", "4", "--batch", "8", "--steps", "2", "--warmup", "1", "--threads",
        Integer.toString(threads));
    assertEquals(0, result.exitCode(), result.stderr());
    Matcher m = LINE.matcher(result.stdout());
    assertTrue(m.matches(), "one line ending in images_per_s=..., got: " + result.stdout());
    return m;
  }

  @Test
  void printsOneLineEndingInImagesPerSecond() throws Exception {
    Matcher m = timed(1);
    assertEquals("1", m.group(1));
    assertEquals(Nb201Network.build(Nb201Cell.parse(CELL), 4, 1, 1, 28, 28, 10, 0).parameterCount(),
        Long.parseLong(m.group(2)));
    assertTrue(Double.parseDouble(m.group(3)) > 0, "peak memory");
    assertTrue(Double.parseDouble(m.group(4)) > 0, "throughput");
  }

  @Test
  void dartsNetworksAreTimedTheSameWay() throws Exception {
    String genotype = "normal=[sep_conv_3x3~0,skip_connect~1]+reduce=[max_pool_3x3~0,dil_conv_5x5~1]";
    CliProcess.Result result = CliProcess.run(work, 120, "bench", "train", "--space", "darts", "--candidate", genotype,
        "--cells", "1", "--channels", "2", "--batch", "8", "--steps", "2", "--warmup", "1", "--threads", "1");
    assertEquals(0, result.exitCode(), result.stderr());
    Matcher m = Pattern.compile("nautilus nd4j-samediff darts C=2 N=1 batch=8 threads=1 steps=2 params=(\\d+) "
        + "seconds=\\d+\\.\\d{3} peak_rss_mib=\\d+\\.\\d images_per_s=(\\d+\\.\\d)\n").matcher(result.stdout());
    assertTrue(m.matches(), result.stdout());
    // N=1: 3N + 2 = 5 cells
    assertEquals(DartsNetwork.build(DartsCell.parse(genotype), 2, 5, 1, 28, 28, 10, 0, 0).parameterCount(),
        Long.parseLong(m.group(1)));
    assertTrue(Double.parseDouble(m.group(2)) > 0, "throughput");
  }

  @Test
  void anotherThreadCountRunsInAChildJvmWithThatOpenMpSetting() throws Exception {
    // the test JVM has OMP_NUM_THREADS=1 (surefire), so --threads 2 takes the re-run path
    assertEquals("2", timed(2).group(1));
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    CliProcess.Result space = CliProcess.run(work, 60, "bench", "train", "--space", "nas");
    assertEquals(2, space.exitCode());
    assertEquals("nautilus: --space must be nb201 or darts, got 'nas'\n", space.stderr());
    CliProcess.Result darts = CliProcess.run(work, 60, "bench", "train", "--space", "darts", "--candidate", CELL);
    assertEquals(2, darts.exitCode());
    assertTrue(darts.stderr().startsWith("nautilus: --candidate '" + CELL + "' is not a DARTS cell: "), darts.stderr());
    CliProcess.Result cell = CliProcess.run(work, 60, "bench", "train", "--candidate", "|conv~0|");
    assertEquals(2, cell.exitCode());
    assertTrue(cell.stderr().startsWith("nautilus: --candidate '|conv~0|' is not a NAS-Bench-201 cell: "),
        cell.stderr());
    assertEquals(1, cell.stderr().lines().count());
  }
}
