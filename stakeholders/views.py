from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from cities.permissions import cities_visible_to


@login_required
def city_stakeholders(request, city):
    city = get_object_or_404(cities_visible_to(request.user), slug=city)
    return render(request, "stakeholders/city.html", {"city": city})
