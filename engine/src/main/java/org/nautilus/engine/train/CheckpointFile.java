package org.nautilus.engine.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A trial's epoch checkpoint file, as the MLP, recurrent and cross-validated runs write it: a magic
 * number naming the kind of run, a format version, the candidate and seed it belongs to, then the
 * run's own state. Written atomically (a temporary file, then a rename), so a crash leaves the
 * previous checkpoint or the new one, never half of one.
 */
public final class CheckpointFile {
  private CheckpointFile() {}

  /** Writes a run's state after the header. */
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a run's state after the header; {@code source} names the file in messages. */
  public interface Reader {
    void read(DataInputStream in, String source) throws IOException, TrainingException;
  }

  /** Writes {@code dir/trial-<n>-epoch-<epoch>.ckpt} and returns it. */
  public static Path write(Path dir, TrainRequest request, int epoch, long magic, int version, Body body)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("trial-" + request.trial().value() + "-epoch-" + epoch + ".ckpt");
    Path temporary = dir.resolve(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
      out.writeLong(magic);
      out.writeInt(version);
      out.writeUTF(request.candidate().canonical());
      out.writeLong(request.seed());
      body.write(out);
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /**
   * Reads {@code file}, which must be a {@code kind} checkpoint ({@code magic}, {@code version}) of
   * {@code request}'s candidate and seed, handing the state to {@code body}.
   *
   * @throws TrainingException (not retryable) naming the file if it is not such a checkpoint or is unreadable
   */
  public static void read(Path file, TrainRequest request, long magic, int version, String kind, Reader body)
      throws TrainingException {
    String name = file.getFileName().toString();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readLong() != magic) {
        throw new TrainingException(name + ": not " + kind + " checkpoint (bad magic number at byte 0)", false);
      }
      int found = in.readInt();
      if (found != version) {
        throw new TrainingException(name + ": checkpoint version " + found + ", expected " + version, false);
      }
      String candidate = in.readUTF();
      long seed = in.readLong();
      if (!candidate.equals(request.candidate().canonical()) || seed != request.seed()) {
        throw new TrainingException(name + ": checkpoint of " + candidate + " with seed " + seed + ", not of "
            + request.candidate().canonical() + " with seed " + request.seed(), false);
      }
      body.read(in, name);
    } catch (IOException | RuntimeException e) {
      throw new TrainingException(name + ": unreadable checkpoint: " + e.getMessage(), false, e);
    }
  }
}
