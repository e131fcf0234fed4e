/**
 * The registry (网格信息库): the region tree from county down to grid and 片/组/邻, households and
 * residents with their tags and history, the party organisation tree beside it, party members and
 * the households each serves (党员联系户). Lists, pages, Excel ledgers, import and the REST API
 * are all scoped to the caller's region subtree.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry")
package org.grassroots.registry;
