/**
 * Field work (常态走访, 一网统管): visit logs (民情日志) and patrol logs (巡逻日志) kept from the phone,
 * idempotent by a client key so a replay after a weak signal stores nothing twice; needs found on a
 * visit go on to the appeals module as events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Field work")
package org.grassroots.fieldwork;
