/**
 * Petitions (信访): letters and visits registered by batch and headcount (批次/人次), the level they
 * reached and whether they skipped one (越级访), repeats by the same petitioner, each case owned by a
 * named leader (领导包案) with a deadline, and a ledger closed item by item with evidence and approval
 * (销号), reopened when the matter returns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Petitions")
package org.grassroots.petitions;
