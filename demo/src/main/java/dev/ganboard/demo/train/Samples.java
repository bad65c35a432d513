package dev.ganboard.demo.train;

/** Generated points, float32, row-major [rows, cols] (cols = 2 on the mixtures). */
public record Samples(float[] data, int rows, int cols) {

    public Samples {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(data.length + " values for shape [" + rows + ", " + cols + "]");
        }
    }

    public double[] toDoubles() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return d;
    }

    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
