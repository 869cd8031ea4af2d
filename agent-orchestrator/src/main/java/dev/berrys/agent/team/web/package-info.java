@NullMarked
package dev.berrys.agent.team.web;

import org.jspecify.annotations.NullMarked;
