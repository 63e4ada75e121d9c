package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {
  // feature a: 1, 2, 3, 6 (mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5); feature b constant 5
  private static final TabularDataset TRAIN = TabularDataset.regression(List.of("a", "b"),
      new float[] {1, 5, 2, 5, 3, 5, 6, 5}, new double[] {0, 1, 2, 3});

  @Test
  void standardizationUsesTrainingStatisticsAndOnlyCentresAConstantFeature() {
    FeatureScaler scaler = FeatureScaler.standardize(TRAIN);
    assertArrayEquals(new double[] {3, 5}, scaler.shift(), 1e-12);
    assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, scaler.scale(), 1e-12);
    float[] scaled = scaler.apply(TRAIN).features();
    float s = (float) Math.sqrt(3.5);
    assertArrayEquals(new float[] {-2 / s, 0, -1 / s, 0, 0, 0, 3 / s, 0}, scaled, 1e-6f);
    // other data is mapped with the training statistics
    TabularDataset other = TabularDataset.regression(List.of("a", "b"), new float[] {3, 7}, new double[] {0});
    assertArrayEquals(new float[] {0, 2}, scaler.apply(other).features(), 1e-6f);
    assertArrayEquals(TRAIN.targets(), scaler.apply(TRAIN).targets());
  }

  @Test
  void normalizationMapsTrainingOntoUnitRange() {
    FeatureScaler scaler = FeatureScaler.normalize(TRAIN);
    assertArrayEquals(new float[] {0, 0, 0.2f, 0, 0.4f, 0, 1, 0}, scaler.apply(TRAIN).features(), 1e-6f);
  }

  @Test
  void aScalerRefusesDataOfAnotherWidth() {
    TabularDataset one = TabularDataset.regression(List.of("a"), new float[] {1}, new double[] {0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureScaler.standardize(TRAIN).apply(one));
    assertEquals("scaler fitted on 2 features, data has 1", e.getMessage());
  }

  @Test
  void oneHotRejectsAnOutOfRangeLabel() {
    assertArrayEquals(new float[] {0, 1, 1, 0}, OneHot.encode(new int[] {1, 0}, 2));
    assertEquals("label 2 of row 1 is outside 0..1",
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 2}, 2)).getMessage());
  }
}
