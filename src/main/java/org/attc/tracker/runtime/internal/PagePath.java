package org.attc.tracker.runtime.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The path of the page being shown, so the layout's navigation can mark where you are.
 * Added after the handler, and only when it renders a view: a model attribute method of a
 * controller advice would run on every request, the LRS's single statements included.
 */
@Configuration(proxyBeanMethods = false)
class PagePath implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView view) {
				// a redirect's model becomes its query string
				boolean redirect = (view != null)
						&& ((view.getViewName() != null && view.getViewName().startsWith("redirect:"))
								|| view.getView() instanceof RedirectView);
				if (view != null && !redirect && !view.getModel().containsKey("requestPath")) {
					view.addObject("requestPath", request.getRequestURI().substring(request.getContextPath().length()));
				}
			}
		});
	}

}
