/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;

final class EventsTest {

  @ParameterizedTest
  @Events(folder = "orders")
  void folder_runsOncePerJsonFile(Order order) {
    assertThat(order.sku()).isIn("A", "B", "C");
  }

  @ParameterizedTest
  @Events(folder = "orders/", type = Map.class)
  void folderWithTrailingSlash_andExplicitType(Object order) {
    assertThat(order).isInstanceOf(Map.class);
  }

  @ParameterizedTest
  @Events(events = {@Event("order.json"), @Event("/order.json")})
  void events_runOncePerEvent(Source event) {
    assertThat(event.source()).isIn("relative", "root");
  }

  @ParameterizedTest
  @Events(
      type = Source.class,
      events = {@Event("order.json"), @Event(value = "order.json", type = String.class)})
  void events_eachEventTypeOverridesTheCommonType(Object event) {
    assertThat(event).isInstanceOfAny(Source.class, String.class);
  }

  @Test
  void folder_listsOnlyJsonFiles_sortedByName() {
    List<Arguments> arguments = arguments("ordersFolder", Order.class);

    assertThat(arguments)
        .extracting(a -> ((ArgumentSet) a).getName())
        .containsExactly("a-first.json", "b-second.json", "c-third.json");
    assertThat(arguments)
        .extracting(a -> a.get()[0])
        .containsExactly(new Order(9, "A", 2), new Order(10, "B", 1), new Order(11, "C", 3));
  }

  @Test
  void events_keepTheirOrderAndTypes() {
    List<Arguments> arguments = arguments("eventsWithTypes", Object.class);

    assertThat(arguments)
        .extracting(a -> a.get()[0])
        .satisfiesExactly(
            first -> assertThat(first).isEqualTo(new Source("root", 1)),
            second -> assertThat(second).asString().contains("\"relative\""),
            third -> assertThat(third).isEqualTo(Map.of("source", "root-only", "orderId", 2)));
  }

  @Test
  void folderAndEvents_fail() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> arguments("both", Order.class))
        .withMessage(
            "@Events on m() needs exactly one of folder and events, but has both: folder"
                + " \"orders\" and 1 events");
  }

  @Test
  void neitherFolderNorEvents_fails() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> arguments("neither", Order.class))
        .withMessage("@Events on m() needs exactly one of folder and events, but has neither");
  }

  @Test
  void voidTypeWithoutParameter_fails() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                EventsArgumentsProvider.arguments(
                    TestAnnotations.of(Annotated.class, "ordersFolder", Events.class),
                    EventsTest.class,
                    loader(),
                    null,
                    "m()"))
        .withMessageStartingWith("@Events(folder = \"orders\") on m() reads events into the first");
  }

  @Test
  void missingFolder_failsNamingEveryPlaceLooked() {
    assertThatThrownBy(() -> arguments("missingFolder", Order.class))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageStartingWith(
            "No event folder \"no-such-folder\": looked in"
                + " classpath:dev/lambdaembedded/test/no-such-folder, classpath:no-such-folder, file"
                + " /")
        .hasMessageEndingWith("/no-such-folder");
  }

  @Test
  void fileAsFolder_fails() {
    assertThatThrownBy(() -> arguments("fileAsFolder", Order.class))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageStartingWith("Event folder \"order.json\" at file:")
        .hasMessageEndingWith("/dev/lambdaembedded/test/order.json is not a folder");
  }

  @Test
  void badFileInFolder_failsNamingTheFile() {
    assertThatThrownBy(() -> arguments("brokenFolder", Order.class))
        .isInstanceOf(EventLoadingException.class)
        .hasMessageContaining("/dev/lambdaembedded/test/broken/empty.json");
  }

  @Test
  void displayNames_areTheFileNames() {
    assertThat(TestRuns.run(FolderFixture.class))
        .containsExactlyInAnyOrder(
            "[1] a-first.json: SUCCESSFUL",
            "[2] b-second.json: FAILED: order B fails",
            "[3] c-third.json: SUCCESSFUL",
            "[1] order.json: SUCCESSFUL");
  }

  @Test
  void loadingFailure_failsTheTestWithTheMessage() {
    assertThat(TestRuns.run(MissingFixture.class))
        .singleElement()
        .asString()
        .startsWith(
            "missingFolder(Order): FAILED: No event folder \"no-such-folder\": looked in"
                + " classpath:dev/lambdaembedded/test/no-such-folder,");
  }

  private static List<Arguments> arguments(String method, Class<?> parameterType) {
    return EventsArgumentsProvider.arguments(
        TestAnnotations.of(Annotated.class, method, Events.class),
        EventsTest.class,
        loader(),
        parameterType,
        "m()");
  }

  private static ClassLoader loader() {
    return EventArgumentsProvider.loader(EventsTest.class);
  }

  record Order(int orderId, String sku, int quantity) {}

  record Source(String source, int orderId) {}

  /** Annotated methods read reflectively; never run. */
  static final class Annotated {

    @Events(folder = "orders")
    void ordersFolder() {}

    @Events(
        type = Source.class,
        events = {
          @Event("/order.json"),
          @Event(value = "order.json", type = String.class),
          @Event(value = "root-only.json", type = Map.class)
        })
    void eventsWithTypes() {}

    @Events(folder = "orders", events = @Event("order.json"))
    void both() {}

    @Events
    void neither() {}

    @Events(folder = "no-such-folder")
    void missingFolder() {}

    @Events(folder = "order.json")
    void fileAsFolder() {}

    @Events(folder = "broken")
    void brokenFolder() {}
  }

  /** Run by {@link #displayNames_areTheFileNames()} only. */
  static final class FolderFixture {

    @ParameterizedTest
    @Events(folder = "orders")
    void eachOrder(Order order) {
      if (order.sku().equals("B")) {
        throw new AssertionError("order B fails");
      }
    }

    @ParameterizedTest
    @Event("order.json")
    void oneOrder(Order order) {
      assertThat(order.orderId()).isEqualTo(3);
    }
  }

  /** Run by {@link #loadingFailure_failsTheTestWithTheMessage()} only. */
  static final class MissingFixture {

    @ParameterizedTest
    @Events(folder = "no-such-folder")
    void missingFolder(Order order) {
      assertThat(order).isNotNull();
    }
  }
}
