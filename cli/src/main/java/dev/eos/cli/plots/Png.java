package dev.eos.cli.plots;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as a compact PNG: opaque RGB (the charts have a white background, so the alpha channel carries
 * nothing) at the strongest deflate level, about half the size of XChart's default encoding (the validation report
 * commits dozens of figures).
 */
final class Png {

    private Png() {
    }

    static void write(Chart<?, ?> chart, Path png) throws IOException {
        BufferedImage argb = BitmapEncoder.getBufferedImage(chart);
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(argb, 0, 0, null);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(png))) {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0f); // 0 = the smallest file
            w.setOutput(out);
            w.write(null, new IIOImage(rgb, null, null), p);
        } finally {
            w.dispose();
        }
    }
}
