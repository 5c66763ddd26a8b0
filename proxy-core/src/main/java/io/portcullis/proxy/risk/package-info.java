/**
 * Risk signals for the policy's risk criteria: the devices and networks each user was allowed from,
 * bounded in memory and optionally shared through the state store; assessed before the policy and
 * recorded only after an allow. May import the policy module and the state package.
 */
package io.portcullis.proxy.risk;
