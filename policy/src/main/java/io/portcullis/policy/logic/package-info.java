/**
 * The junctions of the policy language (and, or, not, nor) over three-valued criteria, folded with
 * Kleene logic and short-circuiting where the outcome is settled. Pure: may import the policy
 * packages only.
 */
package io.portcullis.policy.logic;
