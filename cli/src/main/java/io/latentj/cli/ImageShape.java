package io.latentj.cli;

/** An image size given as HxW on the command line (e.g. 28x28), for writing rows as pictures. */
record ImageShape(int height, int width) {
    static ImageShape parse(String s) {
        String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                ImageShape shape = new ImageShape(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                if (shape.height > 0 && shape.width > 0) return shape;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("image shape '" + s + "' is not HxW, e.g. 28x28");
    }

    void requireFits(int cols) {
        if (height * width != cols) throw new IllegalArgumentException("rows of " + cols + " values are not " + height + "x" + width + " images");
    }
}
