package org.aftersales.claims;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Real small evidence files made in the test: JPEG and PNG by {@code javax.imageio}, an MP4 by its
 * boxes.
 */
final class EvidenceFiles {

  private EvidenceFiles() {}

  static byte[] jpeg() {
    return image("jpg");
  }

  static byte[] png() {
    return image("png");
  }

  /** An MP4: an {@code ftyp} box (major brand {@code isom}) and an empty {@code mdat} box. */
  static byte[] mp4() {
    ByteBuffer box = ByteBuffer.allocate(32 + 8);
    box.putInt(32).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200);
    box.put(ascii("isom")).put(ascii("iso2")).put(ascii("avc1")).put(ascii("mp41"));
    box.putInt(8).put(ascii("mdat"));
    return box.array();
  }

  /** The start of a HEIC photo: an {@code ftyp} box with major brand {@code heic}. */
  static byte[] heic() {
    return ftyp("heic", "mif1", "heic");
  }

  /** The start of a QuickTime movie: an {@code ftyp} box with major brand {@code qt }. */
  static byte[] quickTime() {
    return ftyp("qt  ", "qt  ", "qt  ");
  }

  private static byte[] ftyp(String major, String... compatible) {
    ByteBuffer box = ByteBuffer.allocate(16 + 4 * compatible.length + 8);
    box.putInt(16 + 4 * compatible.length).put(ascii("ftyp")).put(ascii(major)).putInt(0);
    for (String brand : compatible) {
      box.put(ascii(brand));
    }
    box.putInt(8).put(ascii("mdat"));
    return box.array();
  }

  /** A text file, whatever name or Content-Type it is uploaded with. */
  static byte[] text() {
    return "this is not a photo, just a renamed notes.txt\n".getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A real JPEG with an HTML page (and script) appended: the bytes the check reads are a JPEG's,
   * and a browser sniffing the whole file could render it as a page of the store's origin.
   */
  static byte[] jpegHtmlPolyglot() {
    byte[] image = jpeg();
    byte[] page = ascii("<html><script>alert(document.domain)</script></html>");
    byte[] file = new byte[image.length + page.length];
    System.arraycopy(image, 0, file, 0, image.length);
    System.arraycopy(page, 0, file, image.length, page.length);
    return file;
  }

  /** A JPEG header followed by zeros, {@code size} bytes long. */
  static byte[] jpegOfSize(int size) {
    byte[] head = jpeg();
    byte[] file = new byte[size];
    System.arraycopy(head, 0, file, 0, Math.min(head.length, size));
    return file;
  }

  private static byte[] image(String format) {
    BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(Color.ORANGE);
    graphics.fillRect(0, 0, 16, 12);
    graphics.setColor(Color.BLUE);
    graphics.drawLine(0, 0, 15, 11);
    graphics.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
