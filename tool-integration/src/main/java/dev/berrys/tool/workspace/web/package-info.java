@NullMarked
package dev.berrys.tool.workspace.web;

import org.jspecify.annotations.NullMarked;
