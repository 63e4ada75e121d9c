package org.nautilus.engine.device;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Pins the calling thread to a GPU through ND4J's affinity manager, so that the arrays and kernels
 * it creates live on that device; a trainer actor calls it once, on its own pinned thread, before its
 * first trial. A CPU slot needs no pinning and does not touch ND4J (so a trainer that never uses
 * ND4J does not load its native backend).
 */
public final class Nd4jDeviceBinding {
  private Nd4jDeviceBinding() {}

  /**
   * Binds the calling thread to {@code device} if it is a GPU.
   *
   * @throws IllegalStateException if the device is a GPU that ND4J's backend does not have (the CPU
   *     backend, or an index past the last GPU), naming the device and what ND4J sees
   */
  public static void bindCurrentThread(Device device) {
    if (device.kind() != Device.Kind.CUDA) {
      return;
    }
    String backend = Nd4j.getBackend().getClass().getSimpleName();
    int gpus = Nd4j.getAffinityManager().getNumberOfDevices();
    if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cu")) {
      throw new IllegalStateException("device " + device + " needs ND4J's CUDA backend (nd4j-cuda on the classpath); "
          + "this JVM runs " + backend);
    }
    if (device.index() >= gpus) {
      throw new IllegalStateException("device " + device + " does not exist: ND4J sees " + gpus + " GPU(s)");
    }
    // ND4J 1.0.0-M2.1's affinity manager binds the calling thread with unsafeSetDevice (the
    // attachThreadToDevice of older versions is gone); "unsafe" means it does not move arrays that
    // already exist, and this thread has none yet.
    Nd4j.getAffinityManager().unsafeSetDevice(device.index());
  }
}
