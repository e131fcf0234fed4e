/**
 * The picture (综合联动监管平台): figures per scope and period, kept in rollup tables updated by the
 * events of the other modules. It never reads another module's tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package org.grassroots.dashboard;
