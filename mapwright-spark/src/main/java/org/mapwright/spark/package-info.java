/**
 * The Apache Spark engine of Mapwright's executor seam ({@link org.mapwright.exec}): a job's context is broadcast
 * once, each item is one Spark task, and the results are collected in the items' order.
 */
package org.mapwright.spark;
