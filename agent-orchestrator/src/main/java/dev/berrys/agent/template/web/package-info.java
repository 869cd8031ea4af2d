@NullMarked
package dev.berrys.agent.template.web;

import org.jspecify.annotations.NullMarked;
