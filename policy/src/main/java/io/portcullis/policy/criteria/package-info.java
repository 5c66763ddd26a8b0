/**
 * One criterion per file (identity, groups, claims, email, device, source IP, method, path,
 * headers, time windows, acr/amr, auth age, risk, token binding...), each self-validating at
 * compile time, evaluated to TRUE, FALSE or UNKNOWN with named reasons that flow into the decision
 * log, metrics and deny page; registered in {@link
 * io.portcullis.policy.criteria.CriterionRegistry}. A table test sits beside each. Pure: may import
 * the policy packages and the config module only.
 */
package io.portcullis.policy.criteria;
