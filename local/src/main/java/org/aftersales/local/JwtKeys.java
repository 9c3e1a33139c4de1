package org.aftersales.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The local stack's RSA signing key (RS256): generated once per data dir and kept there as {@code
 * jwt-signing-key.pk8} / {@code jwt-signing-key.pub} (DER), so tokens printed by one run keep
 * working in the next. Side effect: {@link #loadOrCreate} writes the two files when missing.
 */
public record JwtKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {

  public static JwtKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new JwtKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no RSA key generator in this JDK", e);
    }
  }

  public static JwtKeys loadOrCreate(Path dataDir) {
    Path privateFile = dataDir.resolve("jwt-signing-key.pk8");
    Path publicFile = dataDir.resolve("jwt-signing-key.pub");
    try {
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new JwtKeys(
            (RSAPublicKey)
                rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
            (RSAPrivateKey)
                rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
      }
      JwtKeys keys = generate();
      Files.createDirectories(dataDir);
      Files.write(privateFile, keys.privateKey().getEncoded());
      Files.write(publicFile, keys.publicKey().getEncoded());
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the JWT signing key in " + dataDir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "unreadable JWT signing key in " + dataDir + " (delete it or use --fresh)", e);
    }
  }
}
