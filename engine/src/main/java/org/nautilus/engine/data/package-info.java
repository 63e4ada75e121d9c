/**
 * Data sets for trainers: {@link org.nautilus.engine.data.ImageDataset} (immutable labelled images),
 * the train/validation/test {@link org.nautilus.engine.data.ImageData} splits, the IDX format reader
 * {@link org.nautilus.engine.data.IdxReader}, and the {@link org.nautilus.engine.data.FashionMnist}
 * loader with its bundled subset. Depends only on the JDK; knows nothing of models or training.
 */
package org.nautilus.engine.data;
