/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import org.jspecify.annotations.Nullable;

/**
 * Event and response types of the functional tests: records and a mutable POJO, as Lambda's Java
 * serializer reads and writes them. Tests using them open this package to Jackson first ({@code
 * JacksonAccess.open(Events.class)}).
 */
final class Events {
  private Events() {}

  /** An immutable event. */
  public record Greeting(@Nullable String name, int times) {}

  /** An element of a list event. */
  public record Item(@Nullable String name, int qty) {}

  /** A response with an optional field, omitted from the JSON when null. */
  public record Reply(String message, @Nullable String detail) {}

  /** A mutable event with a default constructor, getters and setters, as Lambda's docs show. */
  public static final class Order {
    private @Nullable String id;
    private int quantity;
    private @Nullable String note;

    public Order() {}

    public @Nullable String getId() {
      return id;
    }

    public void setId(@Nullable String id) {
      this.id = id;
    }

    public int getQuantity() {
      return quantity;
    }

    public void setQuantity(int quantity) {
      this.quantity = quantity;
    }

    public @Nullable String getNote() {
      return note;
    }

    public void setNote(@Nullable String note) {
      this.note = note;
    }
  }

  /** A response Jackson cannot write: its only property throws. */
  public static final class Unwritable {
    private final @Nullable String value = null;

    public String getValue() {
      if (value == null) {
        throw new IllegalStateException("this value cannot be read");
      }
      return value;
    }
  }
}
