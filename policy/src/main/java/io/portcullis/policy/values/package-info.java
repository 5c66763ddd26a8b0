/**
 * Value tests a criterion applies to a fact: equality, containment, comparisons, versions and
 * bounded regular expressions that refuse catastrophic backtracking. Pure: may import the JDK only.
 */
package io.portcullis.policy.values;
