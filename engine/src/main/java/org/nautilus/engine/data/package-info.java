/**
 * Data sets for trainers. Images: {@link org.nautilus.engine.data.ImageDataset} (immutable labelled
 * images), the train/validation/test {@link org.nautilus.engine.data.ImageData} splits, the IDX reader
 * {@link org.nautilus.engine.data.IdxReader} and the {@link org.nautilus.engine.data.FashionMnist}
 * loader with its bundled subset. Tables: {@link org.nautilus.engine.data.TabularDataset} read by
 * {@link org.nautilus.engine.data.CsvDatasetReader} (classification or regression, with a header line or
 * columns named by index; also a CSV's columns, or one numeric column as a series), scaled by a
 * {@link org.nautilus.engine.data.FeatureScaler} fitted on training rows, labels one-hot encoded by
 * {@link org.nautilus.engine.data.OneHot}. Sequences: {@link org.nautilus.engine.data.SequenceData}, CSV rows
 * (or sliding windows over a series) read as fixed-length sequences. Validation: the
 * {@link org.nautilus.engine.data.ValidationScheme}s (holdout, k-fold, stratified, leave-one-out)
 * yielding {@link org.nautilus.engine.data.Split}s, and {@code TabularData.folds} / {@code SequenceData.folds}
 * giving one standardized train/validation/test set per split.
 *
 * <p>Bad data is a {@link org.nautilus.engine.data.DatasetException} with a one-line message naming the
 * file and the position. Depends on the JDK, Jackson's CSV parser and Commons Math; knows nothing of
 * models or training.
 */
package org.nautilus.engine.data;
