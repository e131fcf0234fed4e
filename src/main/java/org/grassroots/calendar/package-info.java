/**
 * Working days (工作日): the official calendar of holidays and make-up working days (调休) by year,
 * and deadline arithmetic in working days and working hours on it. Admins add each new year when
 * the State Council notice is published.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Calendar")
package org.grassroots.calendar;
