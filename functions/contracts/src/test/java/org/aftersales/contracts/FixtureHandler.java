package org.aftersales.contracts;

/**
 * The handler class the fixtures name, so the handler check of the tests of the tests has one class
 * that exists. Never invoked.
 */
final class FixtureHandler {

  private FixtureHandler() {}
}
