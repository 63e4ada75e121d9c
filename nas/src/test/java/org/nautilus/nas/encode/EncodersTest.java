package org.nautilus.nas.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Condition;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.DartsSpace;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.JointSpace;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.Scale;
import org.nautilus.nas.space.TrainingHyperparameters;

class EncodersTest {
  private static final Nb201Space NB201 = new Nb201Space();
  /** edges: conv3x3, none, skip, avg_pool, conv1x1, none. */
  private static final Nb201Cell CELL =
      Nb201Cell.parse("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|");
  private static final HyperparameterSpace HPS = HyperparameterSpace.of(
      Dimension.ofFloat("lr", 1e-3, 1, Scale.LOG),
      Dimension.ofCategories("opt", "sgd", "momentum", "adam"),
      Dimension.ofFloat("momentum", 0, 0.9, Scale.LINEAR).when(Condition.of("opt", "momentum")),
      Dimension.ofInt("batch", 0, 100, Scale.LINEAR));

  private static List<Integer> ones(double[] v) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] == 1) {
        out.add(i);
      } else {
        assertEquals(0.0, v[i], "feature " + i);
      }
    }
    return out;
  }

  @Test
  void nb201OneHotHasOneOpPerEdge() {
    Nb201OneHotEncoder encoder = new Nb201OneHotEncoder(NB201);
    assertEquals(30, encoder.length());
    assertEquals("edge_2<-1:skip_connect", encoder.featureNames().get(11));
    assertEquals(List.of(3, 5, 11, 19, 22, 25), ones(encoder.encode(CELL)));
    Nb201OneHotEncoder small = new Nb201OneHotEncoder(Nb201Space.withOps(List.of(Nb201Op.NONE, Nb201Op.NOR_CONV_3X3)));
    assertEquals(12, small.length());
    assertThrows(IllegalArgumentException.class, () -> small.encode(CELL));
  }

  @Test
  void pathEncodingHasOneFeaturePerLiveOpSequence() {
    Nb201PathEncoder encoder = new Nb201PathEncoder(NB201);
    assertEquals(4 + 16 + 64, encoder.length());
    // paths: 0->3 avg_pool; 0->1->3 conv3x3, conv1x1; 0->2->3 and 0->1->2->3 pass a none edge
    assertEquals(List.of(3, 13), ones(encoder.encode(CELL)));
    assertEquals("avg_pool_3x3", encoder.featureNames().get(3));
    assertEquals("nor_conv_3x3>nor_conv_1x1", encoder.featureNames().get(13));
    Nb201Cell skips = Nb201Cell.parse(
        "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");
    // 0->1->3 and 0->2->3 share the sequence skip>skip: one feature
    assertEquals(List.of(0, 4, 20), ones(encoder.encode(skips)));
    assertEquals("skip_connect>skip_connect>skip_connect", encoder.featureNames().get(20));
    assertEquals(List.of(), ones(encoder.encode(Nb201Cell.ofIndex(0)))); // all none
  }

  @Test
  void adjacencyEncodingDropsNoneEdges() {
    Nb201AdjacencyEncoder encoder = new Nb201AdjacencyEncoder(NB201);
    Nb201AdjacencyEncoder.Matrices m = encoder.matrices(CELL);
    List<String> edges = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        if (m.adjacency()[r][c] == 1) {
          edges.add(r + ">" + c);
        }
      }
    }
    assertEquals(List.of("0>1", "0>4", "1>3", "1>5", "4>7", "5>7"), edges);
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 0, 0}, m.ops()[1]);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1}, m.ops()[7]);
    assertEquals(28 + 8 * 7, encoder.length());
    double[] v = encoder.encode(CELL);
    assertEquals(v.length, encoder.featureNames().size());
    assertEquals("input->edge_1<-0", encoder.featureNames().get(0));
    assertEquals(1.0, v[0]);
    assertEquals(0.0, v[1]); // edge_2<-0 is none
    assertEquals(6 + 8, IntStream.range(0, v.length).filter(i -> v[i] == 1).count());
  }

  @Test
  void dartsOneHotIsPerPossibleEdge() {
    assertEquals(224, new DartsOneHotEncoder(DartsSpace.standard()).length());
    DartsOneHotEncoder encoder = new DartsOneHotEncoder(DartsSpace.of(1, DartsOp.builtIns()));
    DartsCell cell = DartsCell.parse("normal=[skip_connect~1,sep_conv_3x3~0]+reduce=[max_pool_3x3~0,none~1]");
    assertEquals(List.of(2, 9, 22, 24), ones(encoder.encode(cell)));
    assertEquals("normal_n2<-1:skip_connect", encoder.featureNames().get(9));
    assertEquals("reduce_n2<-1:none", encoder.featureNames().get(24));
  }

  @Test
  void hyperparametersAreScaledWithActiveIndicatorsForConditionals() {
    HyperparameterEncoder encoder = new HyperparameterEncoder(HPS);
    assertEquals(List.of("lr", "opt=sgd", "opt=momentum", "opt=adam", "momentum?", "momentum", "batch"),
        encoder.featureNames());
    double[] adam = encoder.encode(HPS.parse("batch=25;lr=0.01;opt=adam"));
    assertArrayEquals(new double[] {1.0 / 3, 0, 0, 1, 0, 0, 0.25}, adam, 1e-12);
    double[] momentum = encoder.encode(HPS.parse("batch=100;lr=1.0;momentum=0.45;opt=momentum"));
    assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0.5, 1}, momentum, 1e-12);
  }

  @Test
  void jointEncodingConcatenatesCellAndHyperparameters() {
    JointSpace<Nb201Cell> space = JointSpace.of(NB201, HPS);
    VectorEncoder<CellWithHyperparameters<Nb201Cell>> encoder = VectorEncoder.of(space);
    assertEquals(30 + 7, encoder.length());
    double[] v = encoder.encode(space.parse(CELL.canonical() + ";batch=25;lr=0.01;opt=adam"));
    assertEquals(List.of(3, 5, 11, 19, 22, 25), ones(java.util.Arrays.copyOf(v, 30)));
    assertEquals(0.25, v[36], 1e-12);
    VectorEncoder<Configuration> catalogue = VectorEncoder.of(TrainingHyperparameters.space());
    assertEquals(catalogue.featureNames().size(), catalogue.length());
  }
}
