package dev.ganboard.worker.features;

/**
 * Bilinear resizing of one image plane as PyTorch's interpolate(mode="bilinear", align_corners=False) without
 * antialiasing: output pixel centres map to input coordinates (o + 0.5) * in / out - 0.5, clamped at the edges.
 */
final class Bilinear {
    private Bilinear() {
    }

    static void resize(float[] src, int offset, int h, int w, float[] dst, int oh, int ow) {
        for (int y = 0; y < oh; y++) {
            double sy = Math.max(0, (y + 0.5) * h / oh - 0.5);
            int y0 = Math.min((int) sy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < ow; x++) {
                double sx = Math.max(0, (x + 0.5) * w / ow - 0.5);
                int x0 = Math.min((int) sx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double top = src[offset + y0 * w + x0] * (1 - fx) + src[offset + y0 * w + x1] * fx;
                double bottom = src[offset + y1 * w + x0] * (1 - fx) + src[offset + y1 * w + x1] * fx;
                dst[y * ow + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
    }
}
