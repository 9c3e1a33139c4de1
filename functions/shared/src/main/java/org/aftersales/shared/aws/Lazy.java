package org.aftersales.shared.aws;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value built on first use, at most once, by whichever thread gets there first: how the SDK
 * clients of one JVM are held, so a function pays only for the clients it uses.
 */
public final class Lazy<T> {
  private final Supplier<T> factory;
  private volatile T value;

  public Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = factory.get();
          value = current;
        }
      }
    }
    return current;
  }

  public synchronized void closeIfBuilt(Consumer<T> closer) {
    if (value != null) {
      closer.accept(value);
    }
  }
}
