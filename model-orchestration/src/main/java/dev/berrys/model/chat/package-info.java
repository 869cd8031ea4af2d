@NullMarked
package dev.berrys.model.chat;

import org.jspecify.annotations.NullMarked;
