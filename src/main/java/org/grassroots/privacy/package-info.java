/**
 * Personal information protection (PIPL): identity and phone numbers are encrypted at rest
 * (AES-GCM), found by a keyed hash, and shown masked. Revealing a value is the caller's
 * audited act; this module only holds the keys and the transformations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy")
package org.grassroots.privacy;
