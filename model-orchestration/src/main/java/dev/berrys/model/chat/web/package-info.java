@NullMarked
package dev.berrys.model.chat.web;

import org.jspecify.annotations.NullMarked;
