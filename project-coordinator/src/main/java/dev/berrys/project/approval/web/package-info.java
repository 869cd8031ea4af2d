@NullMarked
package dev.berrys.project.approval.web;

import org.jspecify.annotations.NullMarked;
