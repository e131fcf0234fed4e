/**
 * The product shell every module stands on: language (zh-CN default, English; residents' pages, marked
 * {@link org.grassroots.shell.PublicPage}, in the county's language until the visitor switches), the page layout's
 * shared pieces, how rejected input and conflicting edits are reported on pages and in the API
 * (RFC 9457 problem details), and the pagination every list uses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shell")
package org.grassroots.shell;
