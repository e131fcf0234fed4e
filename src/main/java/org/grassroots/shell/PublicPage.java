package org.grassroots.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page residents open without signing in (the QR appeal form, tracking): shown in the county's language
 * ({@code grassroots.public-locale}, zh-CN by default) whatever the phone's own language is, until the visitor picks
 * another with the page's switch; staff pages follow the browser's preference instead. Put on a handler method or
 * on a controller whose every handler is such a page. The page itself wraps {@code fragments/public}, not the staff
 * layout.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicPage {

}
