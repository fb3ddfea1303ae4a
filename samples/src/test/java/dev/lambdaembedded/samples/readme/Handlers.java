/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.api.handler.RequestHandler;

/** The README's handler examples, with what they refer to. */
final class Handlers {
  private Handlers() {}

  record Order(String id, int quantity) {}

  record Receipt(String orderId, String status) {}

  /** What one execution environment opens once and reuses: a stand-in for a database pool. */
  record ConnectionPool(String url) {}

  /** A handler that holds what its environment opened. */
  record OrderHandler(ConnectionPool pool) implements RequestHandler<Order, Receipt> {
    @Override
    public Receipt handleRequest(Order order, Context context) {
      return new Receipt(order.id(), "ACCEPTED");
    }
  }

  static ConnectionPool connectionPool() {
    return new ConnectionPool("jdbc:sqlite::memory:");
  }

  static Object[] all() {
    // tag::handlers[]
    // inline, with the event type given (a lambda's type cannot be read by reflection)
    FunctionCode inline =
        FunctionCode.handler(Order.class, (order, context) -> new Receipt(order.id(), "ACCEPTED"));
    // one handler per execution environment, like Lambda's one instance per environment
    FunctionCode perEnvironment =
        FunctionCode.handlerFactory(() -> new OrderHandler(connectionPool()));
    // bytes in and out: any bytes with Payload.bytes(...), JSON with Payload.json(...)
    FunctionCode stream = FunctionCode.streamHandler((in, out, context) -> in.transferTo(out));
    // by class name, resolved with Lambda Java's rules, from the host's class path
    FunctionConfig byName =
        FunctionConfig.builder("orders").handler("com.acme.Orders::handle").build();
    FunctionCode hostClasses = FunctionCode.classpath();
    // end::handlers[]
    return new Object[] {inline, perEnvironment, stream, byName, hostClasses};
  }
}
