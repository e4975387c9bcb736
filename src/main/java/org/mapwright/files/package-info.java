/** Files written so that a kill never leaves half of one: results and checkpoints. */
package org.mapwright.files;
