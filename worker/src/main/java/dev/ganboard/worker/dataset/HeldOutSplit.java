package dev.ganboard.worker.dataset;

/**
 * The deterministic split of a user dataset (an .npy array or an image folder): image i (in file order, or sorted
 * path order) is held out when i mod 7 = 6 - one in seven, as Fashion-MNIST's 10,000 of 70,000 - and used for
 * training otherwise. No randomness, so the split is the same on every machine and every run.
 */
final class HeldOutSplit {
    static final int EVERY = 7;
    static final String RULE = "image i (file order) is held out when i mod 7 = 6, used for training otherwise";

    private HeldOutSplit() {
    }

    static ImageDataset.Splits split(ImageSet all, String id) {
        int n = all.size();
        int held = (n + 1) / EVERY;
        int[] test = new int[held];
        int[] train = new int[n - held];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (i % EVERY == EVERY - 1) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        int classes = all.classCount();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return new ImageDataset.Splits(all.select(train, id + " train"), all.select(test, id + " test"), classes,
                names);
    }
}
