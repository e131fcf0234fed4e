/**
 * Who may see and change what: accounts bound to a region node (their scope is that subtree),
 * roles carrying permissions, form login with lockout and forced password change, sessions in
 * the database, and personal API tokens. Other modules ask {@link org.grassroots.access.CurrentUsers}
 * for the {@link org.grassroots.access.CurrentUser} and check scope and permission with it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package org.grassroots.access;
