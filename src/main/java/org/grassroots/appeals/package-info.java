/**
 * Appeals handled end to end (接诉即办): intake from every channel, the life cycle from submission to
 * closure with deadlines in working time, escalation between levels, and the timeline kept for the
 * resident and the audit trail. Other modules listen to its events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Appeals")
package org.grassroots.appeals;
