window.MNC_BOOKING_MODE = "visit";
