/**
 * Disputes and mediation (矛盾纠纷排查化解): cases from screening, visits, appeals, walk-ins and
 * referrals; their parties, mediators (cadres and the 三官一师 roster) and sessions (邻里小院, 屋场会,
 * 边界联调); the outcome, the printable mediation agreement and the follow-up that checks it holds; each
 * village's monthly screening round with zero reports; and the figures (化解率, 调解成功率).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Disputes")
package org.grassroots.disputes;
